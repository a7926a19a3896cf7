import ArgumentParser
import G2TCore
import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body`; any error becomes one line on stderr ("g2t: error: …") and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        // One line of at most ~300 characters, whatever the error's own text holds.
        printError("g2t: error: " + TextFormat.oneLine("\(error)"))
        throw ExitCode.failure
    }
}

/// Prints the HTML report to PDF beside it; the other outputs stand even when this fails.
func printPDF(_ html: String) {
    let pdf = String(html.dropLast(".html".count)) + ".pdf"
    do {
        try PDFPrinter.print(html: html, to: pdf)
        print("PDF:    \(pdf)")
    } catch {
        printError("g2t: warning: \(error)")
    }
}

/// One line to stderr (C's `stderr` global is not usable from Swift 6).
/// Writes raw text to standard error (no newline added): the batch progress line.
func writeError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
