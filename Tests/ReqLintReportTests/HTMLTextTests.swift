import ReqLintReport
import Testing

/// The one HTML-to-text converter: plain text for schemas and skeletons, Markdown for the
/// editor's hovers and completion items.
struct HTMLTextTests {
    @Test func htmlBecomesText() {
        let html = "<p>Use <code>Default</code> &amp; see <a href=\"https://x.example/a\">the guide</a>.</p> <ul> <li> <p>one</p> </li> <li> <p>two &lt;3&gt;</p> </li> </ul>"
        #expect(HTMLText.plain(html) == "Use Default & see the guide (https://x.example/a).\n\n- one\n- two <3>")
    }

    @Test func markdownFromHTML() {
        let html = "<p>Use <code>Default</code> or <b>Advanced</b>.</p> <ul><li><p>One &amp; two</p></li><li>Three</li></ul><p>See <a href=\"https://x.example/a\">the docs</a>.</p>"
        #expect(HTMLText.markdown(html) == "Use `Default` or **Advanced**.\n\n- One & two\n- Three\n\nSee [the docs](https://x.example/a).")
        // For clients without Markdown.
        #expect(HTMLText.markupRemoved("**`JobName`** — see [the docs](https://x.example/a), COMPUTER_VISION")
            == "JobName — see the docs (https://x.example/a), COMPUTER_VISION")
    }

    /// Both styles lay text out the same way; only the markup differs.
    @Test func theStylesDifferOnlyInMarkup() {
        let html = "<note><p>A <i>note</i> &#x2014; with <a>no target</a> and <a href=\"u\">one</a>.</p></note><ol><li>first</li></ol>"
        #expect(HTMLText.plain(html) == "A note — with no target and one (u).\n\n- first")
        #expect(HTMLText.markdown(html) == "A _note_ — with no target and [one](u).\n\n- first")
        #expect(HTMLText.markupRemoved(HTMLText.markdown(html)) == "A _note_ — with no target and one (u).\n\n- first")
    }
}
