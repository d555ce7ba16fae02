/** A guardrail failure: printed by main.ts as a short list, never as a stack trace. */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardrailError';
  }
}
