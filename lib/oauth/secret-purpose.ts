export const AUTH_PROVIDER_SECRET_PURPOSE = "auth_provider";
