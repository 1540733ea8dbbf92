/** Entry points for the alerts feature (wired into src/entry/main.ts). */
export {};
