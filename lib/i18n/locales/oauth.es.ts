import type { Catalog } from "./en";
import type enOauth from "./oauth.en";

/** Spanish strings of the hosted oauth pages (merged into ./es.ts). */
const esOauth: { readonly [K in keyof typeof enOauth]: Catalog[K] } = {
  "hosted.oauth.divider": "o",
  "hosted.oauth.list_label": "Otras formas de iniciar sesión",
  "hosted.oauth.continue_with": "Continuar con {provider}",
  "hosted.oauth.error.oauth_failed": "No se pudo iniciar sesión con ese proveedor. Inténtalo de nuevo.",
  "hosted.oauth.error.oauth_access_denied": "Se canceló el inicio de sesión en el proveedor.",
  "hosted.oauth.error.oauth_email_unverified":
    "Esa cuenta no tiene un correo electrónico verificado. Verifícalo con el proveedor o inicia sesión con tu correo.",
  "hosted.oauth.error.oauth_provider_not_enabled": "Esta opción de inicio de sesión no está disponible.",
  "hosted.oauth.error.oauth_invalid_redirect_url": "Este enlace de inicio de sesión no es válido.",
  "hosted.oauth.error.user_inactive": "Esta cuenta está desactivada.",
  "hosted.oauth.error.public_signup_disabled": "Aquí no se pueden crear cuentas nuevas. Pide una invitación al equipo de la aplicación.",
};

export default esOauth;
