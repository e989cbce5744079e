import { afterAll } from 'vitest';
import { removeTempDirs } from './tempApp';

// Each test file's databases live in temp folders; none outlive the file. (Open handles are
// closed by each test's afterEach first; on Windows a still-open file would make this throw.)
afterAll(() => removeTempDirs());
