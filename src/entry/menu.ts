/** Entry points for the menu feature (wired into src/entry/main.ts). */
export {};
