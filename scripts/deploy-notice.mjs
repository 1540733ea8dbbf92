// Printed by `npm run deploy` right before `clasp push`: clasp push does not merge, it replaces
// every file of the Apps Script project with the files of dist/.
console.log(
  [
    '',
    "clasp push REPLACES THE WHOLE SCRIPT PROJECT: every file in the spreadsheet's Apps Script",
    'project that is not in dist/ (Code.js, the HTML files, appsscript.json) is deleted.',
    'If you bound this to a spreadsheet that already had scripts, copy them out first.',
    '',
  ].join('\n'),
);
