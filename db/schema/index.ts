export * from "./workspaces";
export * from "./apps";
export * from "./api-keys";
export * from "./signing-keys";
export * from "./users";
export * from "./sessions";
export * from "./events";
export * from "./platform";
