/** The plain text of a .docx, read in the browser; mammoth's browser build loads only when a file is picked. */
export async function readDocxText(file: File): Promise<string> {
  const { default: mammoth } = await import("mammoth/mammoth.browser.min.js");
  const result = await mammoth.extractRawText({ arrayBuffer: await file.arrayBuffer() });
  return result.value;
}
