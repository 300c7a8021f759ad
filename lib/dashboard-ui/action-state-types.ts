/** The state a dashboard form holds between submissions (shared by server actions and client forms). */
export interface FormState {
  status: "idle" | "error" | "success";
  message: string | null;
  /** Field name (the contract's snake_case key) → messages shown under that field. */
  fieldErrors: Record<string, string[]>;
  /** What was submitted, echoed back so a failed form keeps the admin's input. */
  values: Record<string, string>;
  /** Success data the page shows once (e.g. a new API key's secret). */
  data?: Record<string, string>;
}

export const initialFormState: FormState = { status: "idle", message: null, fieldErrors: {}, values: {} };
