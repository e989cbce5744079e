/** Settings → the law's yearly limits, the practice's gift policy and thank-you templates. */
export function ComplianceSettings() {
  return null;
}
