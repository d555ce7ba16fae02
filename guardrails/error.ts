/** A guardrail failure: printed by main.ts as a short list, never as a stack trace. */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardrailError';
  }
}

/** Guardrail failures of every stack at once; like ConfigError, a user error printed without a trace. */
export class GuardrailsFailed extends Error {
  constructor(readonly failures: GuardrailError[]) {
    super(failures.map((failure) => failure.message).join('\n\n'));
    this.name = 'GuardrailsFailed';
  }
}
