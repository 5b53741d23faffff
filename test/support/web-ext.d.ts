/** The part of web-ext's programmatic API the build test uses (web-ext ships no types). */
declare module 'web-ext' {
  interface LintMessage {
    code: string;
    message: string;
    description: string;
    file?: string;
    line?: number;
    column?: number;
  }

  interface LintResult {
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }

  export const cmd: {
    lint(
      params: { sourceDir: string; output: 'none' | 'json' | 'text'; selfHosted?: boolean; warningsAsErrors?: boolean },
      options: { shouldExitProgram: boolean },
    ): Promise<LintResult>;
  };
}
