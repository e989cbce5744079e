import { LimitsSection } from './LimitsSection';
import { PolicySection } from './PolicySection';
import { TemplatesSection } from './TemplatesSection';

/** Settings → the law's yearly limits, the practice's gift policy and thank-you templates. */
export function ComplianceSettings() {
  return (
    <>
      <LimitsSection />
      <PolicySection />
      <TemplatesSection />
    </>
  );
}
