import ConsentDoctor
import Foundation

print("\(ToolInfo.name) \(ToolInfo.version)")
