/** Jest runs the TypeScript sources through SWC (TypeScript 7 has no JS API for ts-jest). */
import { existsSync } from 'node:fs';

process.env.TZ = 'UTC';
export default {
  testEnvironment: 'node',
  roots: ['src', 'host', 'test', 'sidebar', 'board', 'playground']
    .filter((d) => existsSync(d))
    .map((d) => `<rootDir>/${d}`),
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  testTimeout: 30000,
};
