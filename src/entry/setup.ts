/** Entry points for the setup feature (wired into src/entry/main.ts). */
export {};
