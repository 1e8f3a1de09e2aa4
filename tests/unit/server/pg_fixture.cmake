# kiosk_pg_fixture(TARGET): the ctest entries catch_discover_tests makes for TARGET require the
# pg_cluster fixture (one PostgreSQL for the run), and are told where that cluster is
# (KIOSK_PG_CLUSTER_FILE, read by tests/integration/central/pg_cluster.cpp; the test's env(1)
# launcher passes it on). The entries
# are known only when ctest reads the discovery script, so the properties are set by a script
# read after it (TEST_INCLUDE_FILES run in order), through the <target>_TESTS list it sets.
function(kiosk_pg_fixture target)
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${target}_pg_fixture.cmake)
  file(WRITE ${script}
    "if(DEFINED ${target}_TESTS)\n"
    "  set_tests_properties(\${${target}_TESTS} PROPERTIES FIXTURES_REQUIRED pg_cluster\n"
    "    ENVIRONMENT KIOSK_PG_CLUSTER_FILE=${CMAKE_BINARY_DIR}/pg-cluster.path)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()
