// A deck of XSS payloads, for the web view's tests (test/web.test.ts, test/serve-browser.test.ts).

/**
 * A deck whose text is markup that would run script if a page put it in as HTML: in its title (shown in hits, the
 * deck facet and the deck page), a record, and lines dropped as debris (listed on the deck page).
 */
export const XSS_DECK = "Tillid og ledelse <img src=x onerror=\"window.__xss=2\"> i kommunen\n\n" +
  "Fælles værdier <script>window.__xss=1</script> skaber tillid mellem ledere og medarbejdere i hele kommunen\n\f" +
  "Strategi for tillid\n\nLedelse <img src=x onerror=\"window.__xss=3\"> handler om tillid, dialog, faglighed og ansvar for borgerne i kommunen\n" +
  "\"Tillid er grundlaget <b onmouseover=\"window.__xss=4\">for</b> god ledelse i kommunen\"\n";
