-- The wrk script of bench/pages.py:  wrk -s bench/wrk.lua URL -- MODE RUN
--
-- MODE "warm": the same request again and again.
-- MODE "cold": every request gets a query parameter never sent before,
--   ?cold=<RUN>t<thread>n<counter> (& when the path has a query already), so that a
--   page cache keyed by the path and query string misses every time. RUN is unique per
--   measurement and the thread number keeps the threads' counters apart.
-- done() prints one line, "BENCH {json}": requests, duration, errors, latency percentiles.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  mode = args[1] or "warm"
  prefix = (args[2] or "0") .. "t" .. thread_number .. "n"
  separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  counter = 0
  same = wrk.format()
end

function request()
  if mode == "cold" then
    counter = counter + 1
    return wrk.format(nil, wrk.path .. separator .. "cold=" .. prefix .. counter)
  end
  return same
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "status_errors": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status, errors.connect,
    errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max
  ))
end
