import G2TCore
import HTS
import Knowledge
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

    /// Whether `arguments` run `pipeline` with the bundled knowledge base (no `--kb`), which it then
    /// needs only when scoring, after the counting.
    package static func needsBundledKnowledgeBase(_ arguments: [String]) -> Bool {
        arguments.count > 1 && arguments[1] == "pipeline" && !arguments.contains { $0 == "--kb" || $0.hasPrefix("--kb=") }
    }

    /// Parsing the arguments costs ~30 M instructions, and `pipeline` and `call` then parse the
    /// bundled panel, ~30 M more; `pipeline` with the bundled knowledge base parses it too (~29 M)
    /// before scoring. Started here, after `atStartup` (no `setenv` after it), both are parsed on a
    /// thread of their own (the panel first: the counting needs it first), so with a second core
    /// (`--threads 2`) they overlap the argument parsing and the counting. Each is a `static let`:
    /// whoever asks for it next waits for this parse, or gets its value or error. Other commands
    /// start nothing.
    package static func prefetchBundledPanel(arguments: [String]) {
        guard needsPanelFirst(arguments) else { return }
        let knowledgeBase = needsBundledKnowledgeBase(arguments)
        Thread.detachNewThread {
            _ = try? PanelSet.bundled()
            if knowledgeBase { _ = try? KnowledgeBaseLoader.bundled() }
        }
    }
}
