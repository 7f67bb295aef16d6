-- A slow dependency, on connections already open as well as new ones: every chunk a client sends is
-- held for the current delay before HAProxy passes it on, so each request/answer round trip (a SQL
-- query, a publish) takes that much longer. A filter, not an action: tcp-request rules run once per
-- connection, and pooled connections would never see the fault.
--
-- The delay is changed at run time on the runtime API: `chaos-delay <milliseconds>` (0 lifts it).
-- lua-load (not per-thread) keeps one Lua state, so every connection sees the same value.
local delay_ms = 0

core.register_cli({ "chaos-delay" }, "chaos-delay <ms>: hold what clients send for <ms>", function(applet, _, ms)
  delay_ms = math.max(0, tonumber(ms) or 0)
  applet:send("delay " .. delay_ms .. " ms\n")
end)

local function now_ms()
  local now = core.now()
  return now.sec * 1000 + now.usec // 1000
end

local Delay = { id = "chaos-delay", flags = 0 }
Delay.__index = Delay

function Delay:new()
  return setmetatable({ due = nil }, Delay)
end

-- Only what the client sends is held, so a round trip grows by the delay once, not twice.
function Delay:start_analyze(_, channel)
  if not channel:is_resp() then
    filter.register_data_filter(self, channel)
  end
end

-- Returns how many bytes may go on: none until the oldest waiting chunk is due (HAProxy calls again
-- once the wake time is reached or more data comes), then everything buffered.
function Delay:tcp_payload(_, channel)
  local waiting = channel:input()
  if delay_ms == 0 or waiting == 0 then
    self.due = nil
    return waiting
  end
  local now = now_ms()
  self.due = self.due or now + delay_ms
  if now < self.due then
    filter.wake_time(self.due - now)
    return 0
  end
  self.due = nil
  return waiting
end

core.register_filter("chaos_delay", Delay, function(delay)
  return delay
end)
