/** The body shared by the link emails (login, register, invite): intro, button, fallback URL, expiry. */
import { Button, Link, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/catalogs";
import { translate } from "@/lib/i18n/translate";
import { type EmailBrand, EmailLayout, type RequestOrigin, textColorOn } from "./layout";

export interface LinkEmailProps {
  locale: Locale;
  brand: EmailBrand;
  /** The sign-in link, built from the app's configured URLs only. */
  url: string;
  expiresInMinutes: number;
  requestedFrom: RequestOrigin;
}

export function LinkEmail(props: LinkEmailProps & { messages: "login" | "register" | "invite" }) {
  const { locale, brand, url, expiresInMinutes, requestedFrom, messages } = props;
  const t = (suffix: "preview" | "heading" | "intro" | "button") =>
    translate(locale, `email.${messages}.${suffix}`, { app: brand.appName });
  return (
    <EmailLayout locale={locale} brand={brand} preview={t("preview")} heading={t("heading")} requestedFrom={requestedFrom}>
      <Text style={{ color: "#374151", fontSize: "15px", lineHeight: "22px" }}>{t("intro")}</Text>
      <Button
        href={url}
        style={{
          backgroundColor: brand.color,
          borderRadius: "6px",
          color: textColorOn(brand.color),
          display: "inline-block",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 24px",
          textDecoration: "none",
        }}
      >
        {t("button")}
      </Button>
      <Text style={{ color: "#374151", fontSize: "14px", lineHeight: "20px", marginTop: "24px" }}>
        {translate(locale, "email.link.expires", { count: expiresInMinutes })}
      </Text>
      <Text style={{ color: "#6b7280", fontSize: "13px", lineHeight: "18px" }}>{translate(locale, "email.link.fallback")}</Text>
      <Text style={{ fontSize: "12px", lineHeight: "18px", wordBreak: "break-all" }}>
        <Link href={url} style={{ color: "#2563eb" }}>
          {url}
        </Link>
      </Text>
    </EmailLayout>
  );
}

export const PREVIEW_BRAND: EmailBrand = { appName: "Acme", logoUrl: null, color: "#4f46e5" };
export const PREVIEW_ORIGIN: RequestOrigin = { device: "Chrome on macOS", ip: "203.0.113.4" };
