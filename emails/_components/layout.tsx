/**
 * The shared frame of every Tessera email: the app's logo or name, its first
 * brand colour, the body, and a footer saying where the request came from.
 * Every value is inserted as React text or attributes (escaped); links and
 * images come only from the app's configuration (threats T12, T23).
 */
import { Body, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/catalogs";
import { translate } from "@/lib/i18n/translate";

export interface EmailBrand {
  appName: string;
  /** An https logo URL from the app settings, or null. */
  logoUrl: string | null;
  /** `#RRGGBB`: the app's first colour, or the default. */
  color: string;
}

/** Where the request that caused the email came from (the device summary and IP). */
export interface RequestOrigin {
  device: string | null;
  ip: string | null;
}

export interface EmailLayoutProps {
  locale: Locale;
  brand: EmailBrand;
  preview: string;
  heading: string;
  requestedFrom: RequestOrigin;
  children: ReactNode;
}

/** Black or white, whichever reads better on `hex`. */
export function textColorOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return "#ffffff";
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = parseInt(c ?? "0", 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? "#111827" : "#ffffff";
}

function requestedFromLine(locale: Locale, from: RequestOrigin): string | null {
  if (from.device && from.ip) return translate(locale, "email.footer.requested_from", { device: from.device, ip: from.ip });
  if (from.device) return translate(locale, "email.footer.requested_from_device", { device: from.device });
  if (from.ip) return translate(locale, "email.footer.requested_from_ip", { ip: from.ip });
  return null;
}

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", margin: "0 auto", maxWidth: "480px", padding: "32px" },
  brandName: { fontSize: "18px", fontWeight: 600, margin: "0 0 16px" },
  heading: { color: "#111827", fontSize: "22px", fontWeight: 600, margin: "0 0 16px" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: "4px 0" },
} as const;

export function EmailLayout({ locale, brand, preview, heading, requestedFrom, children }: EmailLayoutProps) {
  const from = requestedFromLine(locale, requestedFrom);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={{ ...styles.container, borderTop: `4px solid ${brand.color}` }}>
          <Section>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.appName} height="40" style={{ margin: "0 0 16px" }} />
            ) : (
              <Text style={{ ...styles.brandName, color: brand.color }}>{brand.appName}</Text>
            )}
          </Section>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 16px" }} />
          {from ? <Text style={styles.footer}>{from}</Text> : null}
          <Text style={styles.footer}>{translate(locale, "email.footer.ignore")}</Text>
          <Text style={styles.footer}>{translate(locale, "email.footer.sent_by", { app: brand.appName })}</Text>
        </Container>
      </Body>
    </Html>
  );
}
