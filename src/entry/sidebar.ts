/** Entry points for the sidebar feature (wired into src/entry/main.ts). */
export {};
