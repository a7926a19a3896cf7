import G2TCore
import HTS
import Foundation

/// Process-wide set-up the g2t binary runs first thing in `main`, before any thread exists.
package enum ProcessSetup {
    /// htslib's environment (`setenv` is unsafe once threads may call `getenv`); a batch's
    /// sample process dies with its `g2t batch` parent (`ParentDeath`).
    package static func atStartup() {
        ParentDeath.armIfBatchChild()
        HTSEnvironment.configure()
    }

    /// The commands that read the bundled panel as soon as their arguments are parsed.
    static let panelCommands: Set<String> = ["pipeline", "call"]

    /// Whether `arguments` (the process's, program name first) run a command of `panelCommands`.
    package static func needsPanelFirst(_ arguments: [String]) -> Bool {
        arguments.count > 1 && panelCommands.contains(arguments[1])
    }

    /// Parsing the arguments parses the bundled knowledge base (the `--version` text), ~30 M
    /// instructions, and `pipeline` and `call` then parse the bundled panel, ~30 M more: started here,
    /// after `atStartup` (no `setenv` after it), the panel is parsed on a thread of its own meanwhile,
    /// so with a second core (`--threads 2`) the two overlap. The panel is a `static let`: whoever asks
    /// for it next waits for this parse, or gets its value or error. Other commands do not start it.
    package static func prefetchBundledPanel(arguments: [String]) {
        guard needsPanelFirst(arguments) else { return }
        Thread.detachNewThread { _ = try? PanelSet.bundled() }
    }
}
