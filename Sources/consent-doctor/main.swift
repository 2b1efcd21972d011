import Foundation

exit(ToolMain.run(Array(CommandLine.arguments.dropFirst()), context: .current()))
