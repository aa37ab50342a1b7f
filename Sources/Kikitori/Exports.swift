// Front ends import `Kikitori` and see every layer.
@_exported import KikitoriCore
@_exported import KikitoriStore
