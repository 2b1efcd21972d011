import Foundation
import GraphEmulator

let server = HTTPServer { request in
    if request.path == "/hang" { return .hang }
    return .json(200, ["path": request.path, "method": request.method, "body": String(decoding: request.body, as: UTF8.self), "filter": request.queryValue("$filter") ?? ""])
}
let port = try server.start()
FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
while true { sleep(1000) }
