import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (forbidden, why) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [`**/${group}/**`, `**/${group}/*`], message: why })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'eslint-comments/require-description': 'off',
    },
  },
  // Dependencies point one way: domain <- formats <- engine/store <- app <- http/cli/jobs.
  { files: ['src/domain/**'], rules: layer(['formats', 'engine', 'store', 'app', 'http', 'cli', 'jobs'], 'domain is pure: it imports nothing of ours') },
  { files: ['src/formats/**'], rules: layer(['engine', 'store', 'app', 'http', 'cli', 'jobs'], 'formats import only domain') },
  { files: ['src/engine/**', 'src/store/**'], rules: layer(['app', 'http', 'cli', 'jobs'], 'engine and store never reach up into use cases or doors') },
  { files: ['src/app/**'], rules: layer(['http', 'cli', 'jobs'], 'use cases never import their doors') },
  { files: ['web/src/**'], rules: layer(['src'], 'the web UI talks to the server over HTTP only') },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
