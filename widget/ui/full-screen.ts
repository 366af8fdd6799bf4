// Phone widths, where the loader draws the panel over the whole page (loader/styles.ts): the chat is a modal dialog
// there, and a popover beside the page above it.
export const fullScreen = "(max-width:480px)";
