from edcal.cli import main

raise SystemExit(main())
