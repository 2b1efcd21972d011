import GraphEmulator

print("not implemented")
