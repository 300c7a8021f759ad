/**
 * Verification request email (spec §15.3, §15.12): the intent, its context
 * (string values of `meta_data`, contact fields left out), and the link to
 * the hosted page and/or the one-time code. Backend-initiated, so no
 * "requested from" device line. English only for now.
 */
import { Button, Section, Text } from "@react-email/components";
import { PREVIEW_BRAND } from "./_components/link-email";
import { type EmailBrand, EmailLayout, textColorOn } from "./_components/layout";

export interface VerificationRequestEmailProps {
  brand: EmailBrand;
  /** e.g. "Approve Ticket", or the operator's reason. */
  intent: string;
  recipientName: string | null;
  /** Label → value pairs shown under the intent. */
  context: { label: string; value: string }[];
  /** The hosted landing page (always present). */
  url: string;
  /** The one-time code for OTP verifications, else null. */
  code: string | null;
  expiresInMinutes: number;
}

const text = { color: "#374151", fontSize: "15px", lineHeight: "22px" } as const;

export default function VerificationRequestEmail(props: VerificationRequestEmailProps) {
  const { brand, intent, recipientName, context, url, code, expiresInMinutes } = props;
  return (
    <EmailLayout
      locale="en"
      brand={brand}
      preview={`${brand.appName}: please confirm "${intent}"`}
      heading={intent}
      requestedFrom={{ device: null, ip: null }}
    >
      <Text style={text}>
        {recipientName ? `Hi ${recipientName}, ` : ""}
        {brand.appName} asks you to confirm this request.
      </Text>
      {context.length ? (
        <Section style={{ backgroundColor: "#f9fafb", borderRadius: "6px", padding: "8px 16px" }}>
          {context.map((c) => (
            <Text key={c.label} style={{ ...text, fontSize: "14px", margin: "4px 0" }}>
              <strong>{c.label}:</strong> {c.value}
            </Text>
          ))}
        </Section>
      ) : null}
      {code ? (
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
      ) : null}
      <Section style={{ margin: "16px 0" }}>
        <Button
          href={url}
          style={{ backgroundColor: brand.color, borderRadius: "6px", color: textColorOn(brand.color), fontSize: "15px", padding: "12px 20px" }}
        >
          {code ? "Enter the code" : "Review and confirm"}
        </Button>
      </Section>
      <Text style={{ ...text, fontSize: "14px" }}>
        This request expires in {expiresInMinutes} min. If you did not expect it, you can ignore this email or deny it.
      </Text>
    </EmailLayout>
  );
}

VerificationRequestEmail.PreviewProps = {
  brand: PREVIEW_BRAND,
  intent: "Approve Ticket",
  recipientName: "Sarah",
  context: [{ label: "Ticket", value: "12345" }],
  url: "https://auth.example.com/v1/verify/app_x/v/ch_example",
  code: null,
  expiresInMinutes: 15,
} satisfies VerificationRequestEmailProps;
