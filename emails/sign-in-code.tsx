/** One-time sign-in code email (spec §8.1, email OTP). */
import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/catalogs";
import { translate } from "@/lib/i18n/translate";
import { PREVIEW_BRAND, PREVIEW_ORIGIN } from "./_components/link-email";
import { type EmailBrand, EmailLayout, type RequestOrigin } from "./_components/layout";

export interface SignInCodeEmailProps {
  locale: Locale;
  brand: EmailBrand;
  code: string;
  expiresInMinutes: number;
  requestedFrom: RequestOrigin;
}

export default function SignInCodeEmail({ locale, brand, code, expiresInMinutes, requestedFrom }: SignInCodeEmailProps) {
  const vars = { app: brand.appName };
  return (
    <EmailLayout
      locale={locale}
      brand={brand}
      preview={translate(locale, "email.code.preview", vars)}
      heading={translate(locale, "email.code.heading", vars)}
      requestedFrom={requestedFrom}
    >
      <Text style={{ color: "#374151", fontSize: "15px", lineHeight: "22px" }}>{translate(locale, "email.code.intro", vars)}</Text>
      <Text
        style={{
          backgroundColor: "#f3f4f6",
          borderRadius: "6px",
          color: "#111827",
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
          fontSize: "28px",
          fontWeight: 700,
          letterSpacing: "6px",
          padding: "12px 16px",
          textAlign: "center",
        }}
      >
        {code}
      </Text>
      <Text style={{ color: "#374151", fontSize: "14px", lineHeight: "20px" }}>
        {translate(locale, "email.code.expires", { count: expiresInMinutes })}
      </Text>
    </EmailLayout>
  );
}

SignInCodeEmail.PreviewProps = {
  locale: "en",
  brand: PREVIEW_BRAND,
  code: "042917",
  expiresInMinutes: 10,
  requestedFrom: PREVIEW_ORIGIN,
} satisfies SignInCodeEmailProps;
