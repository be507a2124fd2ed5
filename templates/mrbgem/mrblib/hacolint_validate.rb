# Ruby side of the validation gem. The checks themselves are C (src/); this only gives the
# refusal exception its readers. Loaded after the C init, so Refused already exists.
module HacolintValidate
  class Refused
    # The exit code of the refusal (from hacolint's catalogue; 200 = internal error).
    attr_reader :exit_code
    # The validation id that refused, e.g. "init-not-root".
    attr_reader :validation
  end
end
