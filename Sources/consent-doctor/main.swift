import Foundation

let closedDescriptors = StandardStreams.reserveClosedDescriptors()
exit(ToolMain.run(Array(CommandLine.arguments.dropFirst()), context: .current(closedDescriptors: closedDescriptors)))
