// Tests are compiled by tsc (tsconfig.test.json) and run as plain ESM: no transform, one boring setup.
export default {
  testEnvironment: 'node',
  transform: {},
  roots: ['<rootDir>/dist-test'],
  testMatch: ['**/*.test.js'],
  testTimeout: 60000,
};
