"""briefdeck tests; a package so test modules can share fixture builders."""
