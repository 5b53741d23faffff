/**
 * A saved page made ready for reading outside its site: its scripts removed
 * (the page's own code must not rewrite the DOM it saved), and its style
 * sheets too, which carry no text and which happy-dom 21 misparses (a
 * `<style>` inside an `<svg>` ends the document for it).
 */
export function savedPageForReading(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<style\b[\s\S]*?<\/style>/gi, '');
}
