/**
 * The server's libraries (the MCP SDK and zod) by themselves: the fast start
 * loads them as the first part of the server's load (see `head_start.ts`).
 *
 * @module
 */

export { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export { Server } from "@modelcontextprotocol/sdk/server/index.js";
export * as types from "@modelcontextprotocol/sdk/types.js";
export { z } from "zod";
