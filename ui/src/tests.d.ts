// jest-dom's matchers (toBeInTheDocument, toHaveTextContent, …) on Vitest's `expect`;
// vitest.setup.ts registers them at run time.
/// <reference types="@testing-library/jest-dom/vitest" />
