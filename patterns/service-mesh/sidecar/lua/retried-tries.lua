-- Outlier detection for the tries HAProxy retried. A server's `observe layer7` never sees an answer
-- that set off an L7 retry: HAProxy 2.6 retries before it adjusts the server's health (tried: a server
-- failing every try of a retried route stayed UP). Envoy counts every try; so does this task. Every
-- POLL_MS it reads each watched server's counters: tries retried away from it (wretr) with no answer
-- from it in between add to its streak, and at the backend's threshold the server is forced down, as
-- `on-error mark-down` does. Its health checks bring it back (rise × inter).
--
-- Watched backends come from the configuration: setenv MESH_EJECTING_BACKENDS "<backend>=<threshold> …"
local POLL_MS = 100

local function number(value)
  return tonumber(value) or 0
end

local function answers(stats)
  return number(stats.hrsp_1xx) + number(stats.hrsp_2xx) + number(stats.hrsp_3xx) + number(stats.hrsp_4xx)
end

core.register_task(function()
  local thresholds = {}
  for backend, threshold in (os.getenv("MESH_EJECTING_BACKENDS") or ""):gmatch("(%S+)=(%d+)") do
    thresholds[backend] = tonumber(threshold)
  end
  local last = {}
  while true do
    for backend_name, threshold in pairs(thresholds) do
      local backend = core.backends[backend_name]
      for server_name, server in pairs(backend and backend.servers or {}) do
        local stats = server:get_stats()
        -- Only checked servers: the unchecked backup copies are never ejected (panic routing).
        if stats.check_status ~= nil then
          local key = backend_name .. "/" .. server_name
          local now = { retried = number(stats.wretr), answered = answers(stats), streak = 0 }
          local before = last[key] or now
          if now.answered == before.answered then
            now.streak = before.streak + (now.retried - before.retried)
          end
          if now.streak >= threshold and tostring(stats.status):sub(1, 2) == "UP" then
            server:check_force_down()
            now.streak = 0
          end
          last[key] = now
        end
      end
    end
    core.msleep(POLL_MS)
  end
end)
