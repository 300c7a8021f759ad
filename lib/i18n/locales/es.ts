import type { Catalog } from "./en";

/** Spanish (neutral; informal "tú", as is usual in product email). */
const es: Catalog = {
  "email.footer.ignore": "Si no lo has solicitado, puedes ignorar este correo: no ocurrirá nada sin él.",
  "email.footer.requested_from": "Solicitado desde {device} (IP {ip}).",
  "email.footer.requested_from_device": "Solicitado desde {device}.",
  "email.footer.requested_from_ip": "Solicitado desde la IP {ip}.",
  "email.footer.sent_by": "Enviado por {app}.",
  "email.link.fallback": "Si el botón no funciona, copia este enlace en tu navegador:",
  "email.link.expires": {
    one: "Este enlace caduca en {count} minuto y solo se puede usar una vez.",
    other: "Este enlace caduca en {count} minutos y solo se puede usar una vez.",
  },
  "email.code.expires": {
    one: "Este código caduca en {count} minuto.",
    other: "Este código caduca en {count} minutos.",
  },

  "email.login.subject": "Tu enlace de acceso a {app}",
  "email.login.preview": "Inicia sesión en {app} con un clic",
  "email.login.heading": "Inicia sesión en {app}",
  "email.login.intro": "Usa el botón de abajo para iniciar sesión en {app}.",
  "email.login.button": "Iniciar sesión",

  "email.register.subject": "Confirma tu correo para {app}",
  "email.register.preview": "Confirma tu dirección de correo para terminar de registrarte en {app}",
  "email.register.heading": "Confirma tu correo",
  "email.register.intro": "Confirma que esta es tu dirección de correo para terminar de crear tu cuenta de {app}.",
  "email.register.button": "Confirmar correo",

  "email.code.subject": "Tu código de acceso a {app}",
  "email.code.preview": "Tu código de acceso a {app}",
  "email.code.heading": "Tu código de acceso",
  "email.code.intro": "Introduce este código para iniciar sesión en {app}:",

  "email.invite.subject": "Te han invitado a {app}",
  "email.invite.preview": "Acepta tu invitación a {app}",
  "email.invite.heading": "Te han invitado a {app}",
  "email.invite.intro": "Te han invitado a unirte a {app}. Usa el botón de abajo para aceptar la invitación e iniciar sesión.",
  "email.invite.button": "Aceptar invitación",
};

export default es;
