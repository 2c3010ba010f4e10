; ModuleID = 'traceN'
source_filename = "traceN"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i32 @traceN(ptr %0, ptr %1) {
entry:
  %t = alloca i32, align 4
  %t1 = alloca i64, align 8
  %t2 = alloca i64, align 8
  %t3 = alloca i64, align 8
  %t4 = alloca i64, align 8
  %t5 = alloca i64, align 8
  %t6 = alloca i256, align 8
  %g = alloca i64, align 8
  %g7 = alloca i32, align 4
  %g8 = alloca i32, align 4
  %g9 = alloca i32, align 4
  %g10 = alloca i32, align 4
  %g11 = alloca i64, align 8
  %g12 = alloca i64, align 8
  %g13 = alloca i64, align 8
  %g14 = alloca i64, align 8
  %g15 = alloca i64, align 8
  %steps = alloca i32, align 4
  store i32 0, ptr %steps, align 4
  %fpout = alloca i64, align 8
  %fpenv = alloca i1, align 1
  %2 = getelementptr i8, ptr %0, i64 12072
  %3 = getelementptr i8, ptr %2, i64 0
  %4 = load i16, ptr %3, align 2
  %5 = getelementptr i8, ptr %2, i64 2
  %6 = load i8, ptr %5, align 1
  %7 = getelementptr i8, ptr %2, i64 5
  %8 = load i8, ptr %7, align 1
  %9 = getelementptr i8, ptr %2, i64 6
  %10 = load i8, ptr %9, align 1
  %11 = and i16 %4, 16
  %12 = icmp ne i16 %11, 0
  %13 = icmp eq i8 %6, 0
  %14 = and i1 %12, %13
  %15 = or i8 %8, %10
  %16 = icmp eq i8 %15, 0
  %17 = and i1 %14, %16
  store i1 %17, ptr %fpenv, align 1
  %18 = getelementptr i8, ptr %0, i64 3192
  %19 = load i64, ptr %18, align 4
  %20 = icmp ne i64 %19, 0
  %21 = getelementptr i8, ptr %0, i64 3200
  %22 = load i256, ptr %21, align 4
  %23 = icmp ne i256 %22, 0
  %24 = or i1 %20, %23
  %25 = getelementptr i8, ptr %0, i64 3232
  %26 = load i128, ptr %25, align 4
  %27 = icmp ne i128 %26, 0
  %28 = or i1 %24, %27
  %29 = getelementptr i8, ptr %0, i64 3960
  %30 = load i64, ptr %29, align 4
  %31 = icmp ne i64 %30, 0
  %32 = or i1 %28, %31
  %33 = getelementptr i8, ptr %0, i64 3968
  %34 = load i256, ptr %33, align 4
  %35 = icmp ne i256 %34, 0
  %36 = or i1 %32, %35
  %37 = getelementptr i8, ptr %0, i64 4000
  %38 = load i128, ptr %37, align 4
  %39 = icmp ne i128 %38, 0
  %40 = or i1 %36, %39
  br i1 %40, label %not_entered, label %entered

not_entered:                                      ; preds = %entry
  %41 = getelementptr i8, ptr %1, i64 4
  store i32 0, ptr %41, align 4
  ret i32 3

entered:                                          ; preds = %entry
  %42 = getelementptr i8, ptr %0, i64 64
  %43 = load i64, ptr %42, align 4
  store i64 %43, ptr %g, align 4
  %44 = getelementptr i8, ptr %0, i64 540
  %45 = load i32, ptr %44, align 4
  store i32 %45, ptr %g7, align 4
  %46 = getelementptr i8, ptr %0, i64 536
  %47 = load i32, ptr %46, align 4
  store i32 %47, ptr %g8, align 4
  %48 = getelementptr i8, ptr %0, i64 528
  %49 = load i32, ptr %48, align 4
  store i32 %49, ptr %g9, align 4
  %50 = getelementptr i8, ptr %0, i64 532
  %51 = load i32, ptr %50, align 4
  store i32 %51, ptr %g10, align 4
  %52 = getelementptr i8, ptr %0, i64 320
  %53 = load i64, ptr %52, align 4
  store i64 %53, ptr %g11, align 4
  %54 = getelementptr i8, ptr %0, i64 3184
  %55 = load i64, ptr %54, align 4
  store i64 %55, ptr %g12, align 4
  %56 = getelementptr i8, ptr %0, i64 3440
  %57 = load i64, ptr %56, align 4
  store i64 %57, ptr %g13, align 4
  %58 = getelementptr i8, ptr %0, i64 3696
  %59 = load i64, ptr %58, align 4
  store i64 %59, ptr %g14, align 4
  %60 = getelementptr i8, ptr %0, i64 3952
  %61 = load i64, ptr %60, align 4
  store i64 %61, ptr %g15, align 4
  br label %pc_HEAD+0

pc_HEAD+0:                                        ; preds = %L16, %entered
  %62 = load i32, ptr %steps, align 4
  %63 = call i32 asm "", "=r,0"(i32 %62)
  store i32 %63, ptr %steps, align 4
  %64 = getelementptr i8, ptr %0, i64 ENV_NEG_OFFSET
  %65 = load volatile i32, ptr %64, align 4
  store i32 %65, ptr %t, align 4
  %66 = load i32, ptr %t, align 4
  %67 = icmp slt i32 %66, 0
  br i1 %67, label %L, label %68

68:                                               ; preds = %pc_HEAD+0
  %69 = ptrtoint ptr %0 to i64
  %70 = add i64 %69, 12072
  store i64 %70, ptr %t1, align 4
  %71 = load i64, ptr %g13, align 4
  store i64 %71, ptr %t2, align 4
  %72 = load i64, ptr %g14, align 4
  store i64 %72, ptr %t3, align 4
  %73 = load i64, ptr %g12, align 4
  store i64 %73, ptr %t4, align 4
  %74 = load i64, ptr %t4, align 4
  %75 = xor i64 %74, -9223372036854775808
  store i64 %75, ptr %t4, align 4
  %76 = load i64, ptr %t2, align 4
  %77 = xor i64 %76, -9223372036854775808
  store i64 %77, ptr %t2, align 4
  %78 = load i64, ptr %t2, align 4
  %79 = load i64, ptr %t3, align 4
  %80 = load i64, ptr %t4, align 4
  %81 = load i64, ptr %t1, align 4
  %82 = inttoptr i64 %81 to ptr
  store volatile i32 0, ptr %1, align 4
  %83 = getelementptr i8, ptr %0, i64 64
  %84 = load i64, ptr %g, align 4
  store i64 %84, ptr %83, align 4
  %85 = getelementptr i8, ptr %0, i64 540
  %86 = load i32, ptr %g7, align 4
  store i32 %86, ptr %85, align 4
  %87 = getelementptr i8, ptr %0, i64 536
  %88 = load i32, ptr %g8, align 4
  store i32 %88, ptr %87, align 4
  %89 = getelementptr i8, ptr %0, i64 528
  %90 = load i32, ptr %g9, align 4
  store i32 %90, ptr %89, align 4
  %91 = getelementptr i8, ptr %0, i64 532
  %92 = load i32, ptr %g10, align 4
  store i32 %92, ptr %91, align 4
  %93 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %78, i64 %79, i64 %80, ptr %82)
  %94 = getelementptr i8, ptr %0, i64 64
  %95 = load i64, ptr %94, align 4
  store i64 %95, ptr %g, align 4
  %96 = getelementptr i8, ptr %0, i64 540
  %97 = load i32, ptr %96, align 4
  store i32 %97, ptr %g7, align 4
  %98 = getelementptr i8, ptr %0, i64 536
  %99 = load i32, ptr %98, align 4
  store i32 %99, ptr %g8, align 4
  %100 = getelementptr i8, ptr %0, i64 528
  %101 = load i32, ptr %100, align 4
  store i32 %101, ptr %g9, align 4
  %102 = getelementptr i8, ptr %0, i64 532
  %103 = load i32, ptr %102, align 4
  store i32 %103, ptr %g10, align 4
  %104 = getelementptr i8, ptr %0, i64 320
  %105 = load i64, ptr %104, align 4
  store i64 %105, ptr %g11, align 4
  %106 = getelementptr i8, ptr %0, i64 12072
  %107 = getelementptr i8, ptr %106, i64 0
  %108 = load i16, ptr %107, align 2
  %109 = getelementptr i8, ptr %106, i64 2
  %110 = load i8, ptr %109, align 1
  %111 = getelementptr i8, ptr %106, i64 5
  %112 = load i8, ptr %111, align 1
  %113 = getelementptr i8, ptr %106, i64 6
  %114 = load i8, ptr %113, align 1
  %115 = and i16 %108, 16
  %116 = icmp ne i16 %115, 0
  %117 = icmp eq i8 %110, 0
  %118 = and i1 %116, %117
  %119 = or i8 %112, %114
  %120 = icmp eq i8 %119, 0
  %121 = and i1 %118, %120
  store i1 %121, ptr %fpenv, align 1
  store i64 %93, ptr %t5, align 4
  %122 = load i64, ptr %t5, align 4
  store i64 %122, ptr %g12, align 4
  store i256 0, ptr %t6, align 4
  %123 = load i64, ptr %g13, align 4
  store i64 %123, ptr %t5, align 4
  %124 = load i64, ptr %t5, align 4
  %125 = bitcast i64 %124 to double
  %126 = getelementptr i8, ptr %0, i64 12072
  %127 = call double @llvm.sqrt.f64(double %125)
  %128 = fcmp ord double %127, 0.000000e+00
  %129 = load i1, ptr %fpenv, align 1
  %130 = and i1 %129, %128
  br i1 %130, label %fp_done, label %fp_soft

L:                                                ; preds = %pc_HEAD+0
  %131 = getelementptr i8, ptr %0, i64 64
  %132 = load i64, ptr %g, align 4
  store i64 %132, ptr %131, align 4
  %133 = getelementptr i8, ptr %0, i64 540
  %134 = load i32, ptr %g7, align 4
  store i32 %134, ptr %133, align 4
  %135 = getelementptr i8, ptr %0, i64 536
  %136 = load i32, ptr %g8, align 4
  store i32 %136, ptr %135, align 4
  %137 = getelementptr i8, ptr %0, i64 528
  %138 = load i32, ptr %g9, align 4
  store i32 %138, ptr %137, align 4
  %139 = getelementptr i8, ptr %0, i64 532
  %140 = load i32, ptr %g10, align 4
  store i32 %140, ptr %139, align 4
  %141 = getelementptr i8, ptr %0, i64 3184
  %142 = load i64, ptr %g12, align 4
  store i64 %142, ptr %141, align 4
  %143 = getelementptr i8, ptr %0, i64 3952
  %144 = load i64, ptr %g15, align 4
  store i64 %144, ptr %143, align 4
  %145 = getelementptr i8, ptr %0, i64 320
  store i64 HEAD+0, ptr %145, align 4
  %146 = getelementptr i8, ptr %1, i64 4
  %147 = load i32, ptr %steps, align 4
  store i32 %147, ptr %146, align 4
  ret i32 2

fp_soft:                                          ; preds = %68
  store volatile i32 1, ptr %1, align 4
  call preserve_allcc void @fp_soft_11(i64 %124, ptr %0, ptr %fpout)
  %148 = load i64, ptr %fpout, align 4
  %149 = bitcast i64 %148 to double
  br label %fp_done

fp_done:                                          ; preds = %fp_soft, %68
  %150 = phi double [ %127, %68 ], [ %149, %fp_soft ]
  %151 = bitcast double %150 to i64
  store i64 %151, ptr %t1, align 4
  %152 = load i64, ptr %t1, align 4
  store i64 %152, ptr %g15, align 4
  %153 = load i64, ptr %g, align 4
  %154 = sub i64 %153, 1
  store i64 %154, ptr %t1, align 4
  %155 = load i64, ptr %t1, align 4
  %156 = load i64, ptr %t1, align 4
  %157 = trunc i64 %156 to i32
  store i32 %157, ptr %g7, align 4
  %158 = load i64, ptr %t1, align 4
  %159 = lshr i64 %158, 32
  store i64 %159, ptr %t3, align 4
  %160 = load i64, ptr %t3, align 4
  %161 = load i64, ptr %t3, align 4
  %162 = trunc i64 %161 to i32
  store i32 %162, ptr %g8, align 4
  %163 = icmp ne i64 %155, 0
  %zf = zext i1 %163 to i32
  store i32 %zf, ptr %g7, align 4
  %164 = load i64, ptr %g, align 4
  %165 = icmp uge i64 %164, 1
  %166 = zext i1 %165 to i64
  store i64 %166, ptr %t2, align 4
  %167 = load i64, ptr %t2, align 4
  %168 = load i64, ptr %t2, align 4
  %169 = trunc i64 %168 to i32
  store i32 %169, ptr %g9, align 4
  %170 = load i64, ptr %g, align 4
  %171 = load i64, ptr %t1, align 4
  %172 = xor i64 %171, %170
  store i64 %172, ptr %t2, align 4
  %173 = load i64, ptr %g, align 4
  %174 = xor i64 %173, 1
  store i64 %174, ptr %t3, align 4
  %175 = load i64, ptr %t3, align 4
  %176 = load i64, ptr %t2, align 4
  %177 = and i64 %176, %175
  store i64 %177, ptr %t2, align 4
  %178 = load i64, ptr %t2, align 4
  %179 = lshr i64 %178, 32
  store i64 %179, ptr %t3, align 4
  %180 = load i64, ptr %t3, align 4
  %181 = load i64, ptr %t3, align 4
  %182 = trunc i64 %181 to i32
  store i32 %182, ptr %g10, align 4
  %183 = load i64, ptr %t1, align 4
  store i64 %183, ptr %t5, align 4
  %184 = load i64, ptr %t5, align 4
  store i64 %184, ptr %g, align 4
  %185 = load i32, ptr %g7, align 4
  %186 = icmp ne i32 %185, 0
  br i1 %186, label %L16, label %187

187:                                              ; preds = %fp_done
  store i64 HEAD+16, ptr %g11, align 4
  %188 = getelementptr i8, ptr %0, i64 64
  %189 = load i64, ptr %g, align 4
  store i64 %189, ptr %188, align 4
  %190 = getelementptr i8, ptr %0, i64 540
  %191 = load i32, ptr %g7, align 4
  store i32 %191, ptr %190, align 4
  %192 = getelementptr i8, ptr %0, i64 536
  %193 = load i32, ptr %g8, align 4
  store i32 %193, ptr %192, align 4
  %194 = getelementptr i8, ptr %0, i64 528
  %195 = load i32, ptr %g9, align 4
  store i32 %195, ptr %194, align 4
  %196 = getelementptr i8, ptr %0, i64 532
  %197 = load i32, ptr %g10, align 4
  store i32 %197, ptr %196, align 4
  %198 = getelementptr i8, ptr %0, i64 320
  %199 = load i64, ptr %g11, align 4
  store i64 %199, ptr %198, align 4
  %200 = getelementptr i8, ptr %0, i64 3184
  %201 = load i64, ptr %g12, align 4
  store i64 %201, ptr %200, align 4
  %202 = getelementptr i8, ptr %0, i64 3952
  %203 = load i64, ptr %g15, align 4
  store i64 %203, ptr %202, align 4
  %204 = getelementptr i8, ptr %1, i64 4
  %205 = load i32, ptr %steps, align 4
  store i32 %205, ptr %204, align 4
  ret i32 1

L16:                                              ; preds = %fp_done
  %206 = load i32, ptr %steps, align 4
  %207 = add i32 %206, 1
  store i32 %207, ptr %steps, align 4
  br label %pc_HEAD+0

dead:                                             ; No predecessors!
  unreachable

dead17:                                           ; No predecessors!
  unreachable

dead18:                                           ; No predecessors!
  unreachable
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.sqrt.f64(double) #0

; Function Attrs: cold noinline
define internal preserve_allcc void @fp_soft_11(i64 %0, ptr %1, ptr %2) #1 {
entry:
  %3 = call i64 inttoptr (i64 HOSTADDR to ptr)(i64 %0, ptr %1)
  store i64 %3, ptr %2, align 4
  ret void
}

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #1 = { cold noinline }

