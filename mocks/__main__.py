from mocks.cli import main

raise SystemExit(main())
