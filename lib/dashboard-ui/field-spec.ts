/** A field of a settings form, described by the server page (plain data: it crosses to the client). */
export type FieldSpec =
  | { kind: "text" | "url" | "number"; name: string; label: string; hint?: string; value: string; required?: boolean; min?: number; max?: number; placeholder?: string }
  | { kind: "textarea"; name: string; label: string; hint?: string; value: string; rows?: number; placeholder?: string }
  | { kind: "select"; name: string; label: string; hint?: string; value: string; options: { value: string; label: string }[] }
  | { kind: "checkbox"; name: string; label: string; hint?: string; checked: boolean }
  | { kind: "checkboxes"; name: string; label: string; hint?: string; selected: string[]; options: { value: string; label: string }[] };

