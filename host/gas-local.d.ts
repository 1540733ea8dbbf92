declare module 'gas-local' {
  interface GasLocal {
    /** Loads every file of a folder (recursively; `.js` by default) into a vm context made from `globals`. */
    require(
      folderPath: string,
      globals?: object,
      options?: { filter?: (path: string) => boolean },
    ): Record<string, unknown>;
    globalMockDefault: object;
  }
  const gasLocal: GasLocal;
  export default gasLocal;
}
