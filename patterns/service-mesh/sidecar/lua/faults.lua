-- The sidecar's delay fault (a VirtualService's fault.delay): hold the call, then let it go on.
-- HAProxy has no action that waits, so this one is Lua: core.msleep yields, so the sidecar's single
-- thread keeps serving every other call while this one waits.
--
--   http-request lua.mesh_delay <milliseconds> if <the fault's match and draw>
core.register_action("mesh_delay", { "http-req" }, function(txn, milliseconds)
  core.msleep(tonumber(milliseconds))
end, 1)
