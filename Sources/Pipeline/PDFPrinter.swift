import Foundation

/// Prints an HTML report to PDF with headless Chromium, when it is installed.
package enum PDFPrinter {
    /// Problems printing.
    package enum Failure: Error, CustomStringConvertible {
        case noBrowser
        case failed(String)

        package var description: String {
            switch self {
            case .noBrowser: return "--pdf needs Chromium (Debian: apt-get install chromium); the HTML report can be printed from any browser instead"
            case .failed(let why): return "--pdf: Chromium could not print the report (\(why))"
            }
        }
    }

    /// The first Chromium-family browser on PATH.
    static func browser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Writes `pdf` from `html` (both paths); the PDF appears only when printing succeeded.
    package static func print(html: String, to pdf: String) throws {
        guard let chromium = browser() else { throw Failure.noBrowser }
        // Chromium writes into a private staging folder of the (locked) output directory, never to a
        // predictable name where a planted symlink could redirect it; then one rename.
        let staging: String
        do {
            staging = try OutputDirectory.open(pdf.lastIndex(of: "/").map { String(pdf[..<$0]) } ?? ".").makeStaging()
        } catch { throw Failure.failed("\(error)") }
        defer { StagedSet.removeStaging(staging) }
        let temp = staging + "/print.pdf"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        // --no-sandbox: CI and containers run as root; the page is g2t's own, with no scripts.
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(temp)",
                       URL(fileURLWithPath: html).absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw Failure.failed("\(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: temp) else {
            try? FileManager.default.removeItem(atPath: temp)
            throw Failure.failed("exit status \(p.terminationStatus)")
        }
        guard rename(temp, pdf) == 0 else { throw Failure.failed("cannot move the PDF into place") }
    }
}
