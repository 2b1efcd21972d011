import Foundation

StandardStreams.reserveClosedDescriptors()
exit(ToolMain.run(Array(CommandLine.arguments.dropFirst()), context: .current()))
