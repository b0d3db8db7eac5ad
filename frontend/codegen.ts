import type { CodegenConfig } from '@graphql-codegen/cli';

// The client preset turns every `graphql(...)` document under src/ into typed
// operations in src/gql/. `npm run codegen:check` regenerates into a temporary
// directory (CODEGEN_OUT) and fails when the committed output is stale.
const out = process.env.CODEGEN_OUT ?? './src/gql/';

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', Money: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        avoidOptionals: false,
      },
    },
  },
};

export default config;
