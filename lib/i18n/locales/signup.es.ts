import type { Catalog } from "./en";
import type enSignup from "./signup.en";

/** Spanish strings of the hosted sign-up page (merged into ./es.ts). */
const esSignup: { readonly [K in keyof typeof enSignup]: Catalog[K] } = {
  "hosted.signup.link": "¿Nuevo en {app}? Crea una cuenta",
  "hosted.signup.title": "Crea tu cuenta de {app}",
  "hosted.signup.intro": "Cuéntanos un poco sobre ti. Te enviaremos una forma de confirmar tu dirección.",
  "hosted.signup.submit": "Crear cuenta",
  "hosted.signup.have_account": "¿Ya tienes una cuenta? Inicia sesión",
  "hosted.signup.optional": "(opcional)",
  "hosted.signup.closed": "El registro está cerrado en {app}. Pídeles una invitación.",
  "hosted.signup.fix_fields": "Revisa los campos marcados.",
  "hosted.signup.field.required": "Este campo es obligatorio.",
  "hosted.signup.field.string": "Escribe como máximo 256 caracteres.",
  "hosted.signup.field.text": "Escribe como máximo 10.000 caracteres.",
  "hosted.signup.field.integer": "Escribe un número entero.",
  "hosted.signup.field.date": "Escribe una fecha.",
  "hosted.signup.field.email": "Escribe un correo electrónico válido.",
  "hosted.signup.field.phone": "Escribe un teléfono en formato internacional, p. ej. +34 912 345 678.",
  "hosted.signup.field.url": "Escribe una dirección web que empiece por https://.",
  "hosted.signup.field.boolean": "Elige sí o no.",
};

export default esSignup;
