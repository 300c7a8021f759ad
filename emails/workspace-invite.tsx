/**
 * Workspace invitation (spec §3.9): a member of a workspace invited someone to
 * join it. The link is the dashboard sign-in page (built from
 * TESSERA_BASE_URL only); the invitation becomes active when the invitee
 * signs in with the invited address. English only until the dashboard has
 * catalog entries of its own.
 */
import { Button, Link, Text } from "@react-email/components";
import { type EmailBrand, EmailLayout, textColorOn } from "./_components/layout";
import { PREVIEW_BRAND } from "./_components/link-email";

export interface WorkspaceInviteEmailProps {
  brand: EmailBrand;
  workspaceName: string;
  role: "admin" | "member";
  /** The dashboard sign-in URL. */
  url: string;
}

export default function WorkspaceInviteEmail({ brand, workspaceName, role, url }: WorkspaceInviteEmailProps) {
  return (
    <EmailLayout
      locale="en"
      brand={brand}
      preview={`Join ${workspaceName} on ${brand.appName}`}
      heading={`You're invited to ${workspaceName}`}
      requestedFrom={{ device: null, ip: null }}
    >
      <Text style={{ color: "#374151", fontSize: "15px", lineHeight: "22px" }}>
        You have been invited to join the workspace {workspaceName} as {role === "admin" ? "an admin" : "a member"}. Sign in
        to the dashboard with this email address to accept.
      </Text>
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
        Sign in to accept
      </Button>
      <Text style={{ color: "#6b7280", fontSize: "13px", lineHeight: "18px", marginTop: "24px" }}>
        If the button does not work, copy this address into your browser:
      </Text>
      <Text style={{ fontSize: "12px", lineHeight: "18px", wordBreak: "break-all" }}>
        <Link href={url} style={{ color: "#2563eb" }}>
          {url}
        </Link>
      </Text>
    </EmailLayout>
  );
}

WorkspaceInviteEmail.PreviewProps = {
  brand: { ...PREVIEW_BRAND, appName: "Tessera" },
  workspaceName: "Acme Corp",
  role: "member",
  url: "https://auth.example.com/dashboard/sign-in",
} satisfies WorkspaceInviteEmailProps;
